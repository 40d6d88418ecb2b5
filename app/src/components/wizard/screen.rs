//! A screen of the product as a guide shows it: the picture for the width (WebP, PNG
//! where neither is read), loaded lazily, its numbered marks, the callouts with the same numbers,
//! and a link to the page.
use crate::{
    i18n::{tr, use_lang},
    wizard::screens::{FORMATS, PHONE_MEDIA, Picture, Screen, file_url, show_me},
};
use leptos::prelude::*;

/// The screen's figure, or nothing until `make guide-images` has made its pictures.
#[component]
pub fn ScreenFigure(screen: &'static Screen) -> impl IntoView {
    let Some(pictures) = screen.pictures(use_lang()) else {
        return ().into_any();
    };
    let sources = [(&pictures.phone, Some(PHONE_MEDIA)), (&pictures.desktop, None)]
        .into_iter()
        .flat_map(|(picture, media)| {
            FORMATS.into_iter().map(move |(format, kind)| {
                view! {
                    <source media=media type=kind srcset=format!("{} {}x", file_url(picture, format), picture.scale)
                        width=picture.width height=picture.height/>
                }
            })
        })
        .collect_view();
    let desktop = &pictures.desktop;
    let callouts = screen
        .callouts
        .iter()
        .enumerate()
        .map(|(i, id)| view! { <li data-mark={i + 1}><span class="shot__number" aria-hidden="true">{i + 1}</span>" "{tr(id)}</li> })
        .collect_view();
    view! {
        <figure class="shot" id=format!("screen-{}", screen.id)>
            <div class="shot__frame">
                <picture>
                    {sources}
                    <img src=file_url(desktop, "png") alt=tr(screen.alt) width=desktop.width height=desktop.height
                        loading="lazy" decoding="async"/>
                </picture>
                <Marks picture=&pictures.phone class="shot__marks shot__marks--phone"/>
                <Marks picture=desktop class="shot__marks shot__marks--desktop"/>
            </div>
            <figcaption>
                <ol class="shot__callouts" role="list">{callouts}</ol>
                <a class="shot__show-me" href=show_me(screen)>{tr(msg!("guide-show-me"))}</a>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// The numbered marks over one picture, in its pixels, so they scale with it.
#[component]
fn Marks(picture: &'static Picture, class: &'static str) -> impl IntoView {
    // A picture is shown at about the size of the page it pictures: 12 CSS pixels there.
    let radius = 12 * picture.scale;
    let marks = picture
        .marks
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            view! {
                <g class="shot__mark" data-mark={i + 1}>
                    <circle cx=x cy=y r=radius/>
                    <text x=x y=y font-size={radius * 13 / 10}>{i + 1}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class=class viewBox=format!("0 0 {} {}", picture.width, picture.height) aria-hidden="true"
            preserveAspectRatio="none">
            {marks}
        </svg>
    }
}
